/// A yes-or-no question about each of a list's items, asked of an item the first time its answer is needed
/// and answered once: rules comparing facts pair by pair keep their costly questions for the few pairs
/// that get that far.
struct LazyAnswers {
    private var answers: [Bool?]

    init(count: Int) {
        answers = [Bool?](repeating: nil, count: count)
    }

    /// The answer for item `k`, asking `question` if it has not been asked.
    mutating func answer(_ k: Int, _ question: () -> Bool) -> Bool {
        if let known = answers[k] { return known }
        let answer = question()
        answers[k] = answer
        return answer
    }
}
