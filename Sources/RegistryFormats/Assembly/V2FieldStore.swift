import RegistryModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The values of one record keyed by their API v2 path, as a reader finds them, before they are typed.
///
/// Readers of formats whose layout is not API v2's (legacy XML, module text) translate each value they
/// find to its v2 path (`protocolSection.armsInterventionsModule.armGroups[1].label`) and put it here
/// as text with its position; `StudyAssembler` then builds the typed `Study` from the paths, in one
/// place for all such formats. List lengths are known from the indices used.
struct V2FieldStore {
    struct Entry {
        let path: FieldPath
        let text: String
        let position: SourcePosition?
    }

    /// A value as a reader found it, with where it starts.
    struct Value {
        let text: String
        let position: SourcePosition?
    }

    /// The values of one location (`…contactsLocationsModule.locations[i]`), for a reader that hands a
    /// location over whole instead of value by value: a record can list hundreds of locations, and
    /// building and hashing a path for each of their values costs more than all its other values.
    struct LocationValues {
        /// The location's values, named as in API v2.
        enum Part: String {
            case facility, status, city, state, zip, country
        }

        var facility: Value?
        var status: Value?
        var city: Value?
        var state: Value?
        var zip: Value?
        var country: Value?
        /// The contacts that hold at least one value, in record order.
        var contacts: [ContactValues] = []

        subscript(part: Part) -> Value? {
            get {
                switch part {
                case .facility: facility
                case .status: status
                case .city: city
                case .state: state
                case .zip: zip
                case .country: country
                }
            }
            set {
                switch part {
                case .facility: facility = newValue
                case .status: status = newValue
                case .city: city = newValue
                case .state: state = newValue
                case .zip: zip = newValue
                case .country: country = newValue
                }
            }
        }

        /// `true` when the location holds no value, and so takes no place in the list.
        var isEmpty: Bool {
            facility == nil && status == nil && city == nil && state == nil && zip == nil && country == nil
                && contacts.isEmpty
        }
    }

    /// The values of one contact of a location (`…locations[i].contacts[j]`).
    struct ContactValues {
        /// The contact's values, named as in API v2.
        enum Part: String {
            case name, role, affiliation, phone, email
        }

        var name: Value?
        var role: Value?
        var affiliation: Value?
        var phone: Value?
        var email: Value?

        subscript(part: Part) -> Value? {
            get {
                switch part {
                case .name: name
                case .role: role
                case .affiliation: affiliation
                case .phone: phone
                case .email: email
                }
            }
            set {
                switch part {
                case .name: name = newValue
                case .role: role = newValue
                case .affiliation: affiliation = newValue
                case .phone: phone = newValue
                case .email: email = newValue
                }
            }
        }

        /// `true` when the contact holds no value, and so takes no place in the list.
        var isEmpty: Bool { name == nil && role == nil && affiliation == nil && phone == nil && email == nil }
    }

    /// The values in the order they were set, so that values nobody used are reported in record order.
    private(set) var entries: [Entry] = []
    /// The locations handed over whole (`append(location:)`), in record order: `locations[0]` first. A
    /// reader either does this for every location or sets every location value by its path.
    private(set) var locations: [LocationValues] = []
    private var indexByPath: [String: Int] = [:]
    /// For each list (a path up to an index, with the indices of enclosing lists), its element count.
    private var counts: [String: Int] = [:]
    /// The last path with a list index that `registerIndices` saw: values of one list element come one
    /// after the other, and the lists of the path they share with it are registered already.
    private var lastIndexedPath = ""

    /// An empty store with room for the values of a typical record, so that the path index is not
    /// rehashed again and again as it grows.
    init() {
        entries.reserveCapacity(Self.typicalCount)
        indexByPath.reserveCapacity(Self.typicalCount)
        counts.reserveCapacity(Self.typicalListCount)
    }

    private static let typicalCount = 96
    /// Lists of a typical record: the module lists and the lists inside their elements.
    private static let typicalListCount = 32

    /// Stores a value; `false` (and nothing stored) when the path already holds one.
    @discardableResult
    mutating func set(_ path: FieldPath, _ text: String, at position: SourcePosition?) -> Bool {
        // One hash of the path in the common case; a path set twice (rare) gets its first index back.
        if let first = indexByPath.updateValue(entries.count, forKey: path.rawValue) {
            indexByPath[path.rawValue] = first
            return false
        }
        entries.append(Entry(path: path, text: text, position: position))
        registerIndices(of: path.rawValue)
        return true
    }

    /// Adds a location that holds at least one value as `locations[locations.count]`.
    mutating func append(location: LocationValues) {
        locations.append(location)
    }

    /// The index in `entries` of the value at `path`.
    func index(of path: FieldPath) -> Int? { indexByPath[path.rawValue] }

    func entry(_ path: FieldPath) -> Entry? { indexByPath[path.rawValue].map { entries[$0] } }

    func contains(_ path: FieldPath) -> Bool { indexByPath[path.rawValue] != nil }

    /// The number of elements of the list at `path` (which ends before the index).
    func count(_ path: FieldPath) -> Int { counts[path.rawValue] ?? 0 }

    /// The element paths of the list at `path`: `path[0]`, `path[1]`, …
    func elements(_ path: FieldPath) -> [FieldPath] { (0..<count(path)).map { FieldPath(joining: path, index: $0, nil) } }

    private static func raise(_ count: inout Int, to least: Int) {
        if count < least { count = least }
    }

    /// Records, for every `[n]` in the path, that the list before it has at least n + 1 elements.
    private mutating func registerIndices(of path: String) {
        var path = path
        // Most paths hold no list index, and have nothing to register.
        let hasIndex = path.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(UInt8(ascii: "[")), bytes.count) != nil
        }
        guard hasIndex else { return }
        var last = lastIndexedPath
        path.withUTF8 { bytes in
            last.withUTF8 { previous in
                // An index within the part this path shares with the last one was registered with it.
                var shared = 0
                while shared < bytes.count, shared < previous.count, bytes[shared] == previous[shared] { shared += 1 }
                var i = 0
                while i < bytes.count {
                    guard bytes[i] == UInt8(ascii: "[") else {
                        i += 1
                        continue
                    }
                    var index = 0
                    var k = i + 1
                    while k < bytes.count, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
                        index = index * 10 + Int(bytes[k] - UInt8(ascii: "0"))
                        k += 1
                    }
                    if k >= shared {
                        let list = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<i]), as: UTF8.self)
                        V2FieldStore.raise(&counts[list, default: 0], to: index + 1)
                    }
                    i = k
                }
            }
        }
        lastIndexedPath = path
    }
}
