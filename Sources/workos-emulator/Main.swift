import NIOCore
import NIOPosix

@main
enum Main {
    static func main() async {
        // Swift concurrency's jobs run on the HTTP server's event loops rather than a separate thread pool:
        // a request no longer hops between threads on its way in and out (a third more requests per second
        // per core, measured with scripts/bench). It must happen before any other task is started.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await WorkOSEmulator.main()
    }
}
