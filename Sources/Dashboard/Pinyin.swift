import Foundation

/// Pinyin through ICU's Han-Latin transform (no hand-made tables), cached per text.
public enum Pinyin {
    public struct Forms: Sendable {
        /// "minzhengju" (tones and spaces removed)
        public var full: String
        /// "mzj"
        public var initials: String
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var forms: [String: Forms] = [:]
    }

    public static func of(_ text: String) -> Forms {
        cache.lock.lock()
        if let hit = cache.forms[text] { cache.lock.unlock(); return hit }
        cache.lock.unlock()
        let latin = text.applyingTransform(.toLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? text.lowercased()
        let words = latin.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let forms = Forms(full: words.joined(), initials: String(words.compactMap(\.first)))
        cache.lock.lock()
        if cache.forms.count > 100_000 { cache.forms.removeAll() }
        cache.forms[text] = forms
        cache.lock.unlock()
        return forms
    }
}
