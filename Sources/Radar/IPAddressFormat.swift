#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Whether a string is an IPv4 or IPv6 address, as the C library parses them.
enum IPAddressFormat {
    static func isValid(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
