#pragma once
// The synchronous invoke of the in-process API (DESIGN.md §12): co_spawn(..., use_future) over the
// Invoker every other caller uses, so the C++ API has no way in of its own.

#include <optional>
#include <string>

#include "emulator/app/invoke_output.hpp"

namespace lemu {

struct Services;

// Runs one RequestResponse invocation (with the log tail) and blocks until it ends. Throws AwsError as
// the Invoker does, and std::logic_error when called on one of lemu's I/O threads (it would wait for
// itself).
InvokeOutput invoke_and_wait(Services& services, const std::string& function,
                             const std::optional<std::string>& qualifier, const std::string& payload);

}  // namespace lemu
