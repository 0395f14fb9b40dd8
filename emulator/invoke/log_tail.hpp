#pragma once
// The last N bytes of one invocation's log (X-Amz-Log-Result, runtime.md fact 43), kept in a buffer
// that never holds more than 2N bytes however much the function prints.

#include <cstddef>
#include <string>
#include <string_view>

namespace lemu::invoke {

class LogTail {
public:
    explicit LogTail(std::size_t limit) : limit_(limit) {}

    // Appends one line and its '\n'.
    void append(std::string_view line);
    // The last `limit` bytes appended.
    std::string str() const;
    std::size_t capacity_used() const { return buffer_.size(); }

private:
    std::size_t limit_;
    std::string buffer_;
};

}  // namespace lemu::invoke
