/// Members of a plan-file object that this program does not know — a county's own fields (a phone
/// number on a unit, a budget on a task) or fields of a newer version — kept as they were, so that
/// every save writes them back in place instead of dropping them.
///
/// The domain does not interpret them: each is its key, its value as JSON text, and the known member it
/// followed in the file, which is where a save puts it back.
public struct UnknownMembers: Equatable, Sendable {
    /// One member this program does not know.
    public struct Member: Equatable, Sendable {
        /// The member's key, e.g. `xPhone`.
        public var key: String
        /// Its value as JSON text, exactly as the plan file's writer writes it.
        public var json: String
        /// The key of the known member it followed in the file; nil when it came before every known one.
        public var after: String?

        public init(key: String, json: String, after: String?) {
            self.key = key
            self.json = json
            self.after = after
        }
    }

    /// The members in file order.
    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public var isEmpty: Bool { members.isEmpty }
}
