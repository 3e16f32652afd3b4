/// Where each id of a list is: the position of its first occurrence, looked up by `positions[id]`.
///
/// A `[String: Int]` built for the ids of a large plan spent most of its time hashing (a `Hasher` per id,
/// seeded, SipHash): this table hashes an id's UTF-8 bytes with FNV-1a and probes linearly in a table at
/// most half full, comparing the stored 32-bit hash before the string. Ids come from the plan file, which
/// the office writes; ids made to collide cost lookups time (each still finds the right position), not
/// correctness.
public struct IDPositions: Sendable {
    /// The ids by position.
    private let ids: [String]
    /// Open addressing: each slot is 0 (empty) or `hash << 32 | (position + 1)`.
    private let slots: [UInt64]
    private let mask: Int

    /// The positions of `ids` (a later duplicate of an id is not found: the first one is).
    public init(_ ids: [String]) {
        self.ids = ids
        var capacity = 8
        while capacity < ids.count * 2 { capacity *= 2 }
        mask = capacity - 1
        var slots = [UInt64](repeating: 0, count: capacity)
        for (k, id) in ids.enumerated() {
            let h = IDPositions.hash(id)
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = slots[i]
                if s == 0 {
                    slots[i] = UInt64(h) << 32 | UInt64(k + 1)
                    break
                }
                if UInt32(truncatingIfNeeded: s >> 32) == h, ids[Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1] == id { break }
                i = (i + 1) & mask
            }
        }
        self.slots = slots
    }

    /// The ids of `count` items read by position (`id(k)`), without first making an array of the items.
    public init(count: Int, _ id: (Int) -> String) {
        var ids: [String] = []
        ids.reserveCapacity(count)
        for k in 0..<count { ids.append(id(k)) }
        self.init(ids)
    }

    /// How many ids the list has (duplicates included).
    public var count: Int { ids.count }

    /// The position of the first `id` in the list, nil when it is not there.
    @inline(__always)
    public subscript(id: String) -> Int? {
        let h = IDPositions.hash(id)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if UInt32(truncatingIfNeeded: s >> 32) == h {
                let k = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                if ids[k] == id { return k }
            }
            i = (i + 1) & mask
        }
    }

    /// FNV-1a over the UTF-8 bytes, folded to 32 bits.
    @inline(__always)
    static func hash(_ id: String) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if let done = id.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var h = h
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }) {
            h = done
        } else {
            for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// `IDPositions` lookups for one pass over a plan that asks for the same few ids again and again (each
/// task's phase, section and units): the answer for an id is kept under the id's own sixteen bytes — a
/// short id's UTF-8 in place, a long one's storage — so asking again costs two comparisons, not a hash
/// of the id and a string comparison.
///
/// Equal bytes mean equal strings; equal strings with different bytes (two copies of a long id) are
/// only looked up again. The memo holds no reference to the strings: use it only while the strings it
/// was asked about are alive (for one pass over a plan it holds), as a freed string's bytes may be
/// reused for another.
struct IDMemo {
    private let positions: IDPositions
    /// Direct-mapped: slot `k` holds the bytes of the last id asked for there and its position + 1 (0:
    /// not there).
    private var slots: [Slot]
    private let mask: Int

    private struct Slot {
        var bits: (UInt64, UInt64)
        var value: Int32
    }

    init(_ positions: IDPositions) {
        self.positions = positions
        var capacity = 64
        while capacity < positions.count * 2, capacity < 1 << 16 { capacity *= 2 }
        mask = capacity - 1
        // A key no string has: a small string's discriminator bits are never all ones with zero bytes.
        slots = [Slot](repeating: Slot(bits: (.max, .max), value: 0), count: capacity)
    }

    /// `positions[id]`.
    @inline(__always)
    mutating func callAsFunction(_ id: String) -> Int? {
        let bits = unsafeBitCast(id, to: (UInt64, UInt64).self)
        let mixed = (bits.0 ^ (bits.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        let k = Int(truncatingIfNeeded: mixed >> 40) & mask
        let slot = slots[k]
        if slot.bits == bits { return slot.value == 0 ? nil : Int(slot.value) - 1 }
        let p = positions[id]
        slots[k] = Slot(bits: bits, value: p.map { Int32(truncatingIfNeeded: $0 + 1) } ?? 0)
        return p
    }
}
