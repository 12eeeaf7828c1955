import Testing

@testable import BulkScan

/// XXH64 against the values the reference implementation (python-xxhash 3) gives.
@Test(arguments: [
    ("", "ef46db3751d8e999"),
    ("a", "d24ec4f1a98c6e5b"),
    ("abc", "44bc2cf5ad770999"),
    ("Nobody inspects the spammish repetition", "fbcea83c8a378bf1"),
])
func contentHashMatchesXXH64(text: String, expected: String) {
    #expect(ContentHash(Array(text.utf8)).description == expected)
}

@Test func contentHashOfLongInputMatchesXXH64() {
    let bytes = Array((0..<3).flatMap { _ in (0...255).map(UInt8.init) })
    #expect(ContentHash(bytes).description == "8e03c838c596036f")
    #expect(ContentHash(hex: "8e03c838c596036f") == ContentHash(bytes))
    #expect(ContentHash(hex: "8e03c838") == nil)
}
