#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value worked out on a thread of its own while the caller goes on; `value` waits for it. A POSIX
/// thread started at once: a Dispatch queue's worker started a millisecond or more later, when the
/// caller's own part was half done.
final class Background<Value: Sendable>: @unchecked Sendable {
    private var thread: pthread_t?
    /// Written on the thread before it ends, read only after joining it.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        thread = startThread { [self] in result = work() }
        if thread == nil { result = work() }  // no thread to be had: work it out now
    }

    /// The value, once the thread has worked it out.
    var value: Value {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        return result!
    }

    deinit {
        if let thread { pthread_detach(thread) }
    }
}

/// A thread running `body`, or nil when none can be started.
private func startThread(_ body: @escaping () -> Void) -> pthread_t? {
    final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    var thread = pthread_t()
    guard pthread_create(&thread, nil, { context in
        Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context) == 0 else {
        Unmanaged<Body>.fromOpaque(context).release()
        return nil
    }
    return thread
}
