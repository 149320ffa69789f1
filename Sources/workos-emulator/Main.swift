import CConcurrencyHook
import NIOCore
import NIOPosix

@main
enum Main {
    static func main() async {
        runJobsOnTheEventLoops()
        await WorkOSEmulator.main()
    }

    /// Swift concurrency's jobs run on the HTTP server's event loops rather than a separate thread pool:
    /// a request no longer hops between threads on its way in and out (a third more requests per second
    /// per core, measured with scripts/bench). A job goes to the loop of the thread that enqueues it, if
    /// that is one. It must happen before any other task is started.
    private static func runJobsOnTheEventLoops() {
        typealias Original = @convention(thin) (UnownedJob) -> Void
        typealias Hook = @convention(thin) (UnownedJob, Original) -> Void
        let hook: Hook = { job, _ in MultiThreadedEventLoopGroup.singleton.any().executor.enqueue(job) }
        emulator_install_enqueue_global_hook(unsafeBitCast(hook, to: UnsafeRawPointer.self))
    }
}
