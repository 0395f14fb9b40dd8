#pragma once
// Lambda's fixed limits that the engine enforces.

#include <cstddef>

namespace lemu::invoke {

// The largest /response body a runtime may post: 6 MiB + 100 (RIE interop.MaxPayloadSize).
inline constexpr std::size_t kMaxResponseBytes = 6 * 1024 * 1024 + 100;
// X-Amz-Log-Result carries the last 4 KB of an invocation's log.
inline constexpr std::size_t kLogTailBytes = 4096;

}  // namespace lemu::invoke
