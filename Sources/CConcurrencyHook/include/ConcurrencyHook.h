#ifndef CONCURRENCY_HOOK_H
#define CONCURRENCY_HOOK_H

/// Installs the Swift runtime's hook for jobs enqueued on the global executor (a Swift-calling-convention
/// function, passed as a plain pointer). Referenced here, from C, rather than looked up by name at run
/// time: a binary linked with the Swift runtime inside does not export the symbol.
void emulator_install_enqueue_global_hook(const void *hook);

#endif
