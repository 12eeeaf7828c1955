#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX thread running one closure, joined by its owner: the pipeline's threads live exactly as
/// long as the scan that started them.
final class JoinableThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    #if canImport(Glibc)
        private var thread = pthread_t()
    #else
        private var thread: pthread_t?
    #endif
    private var joined = false

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        precondition(status == 0, "cannot start a thread: \(String(cString: strerror(status)))")
    }

    /// Waits for the closure to return.
    func join() {
        guard !joined else { return }
        joined = true
        #if canImport(Glibc)
            pthread_join(thread, nil)
        #else
            pthread_join(thread!, nil)
        #endif
    }

    deinit { join() }
}
