#pragma once
// Splits a byte stream into lines with a bounded buffer: a line longer than `max_line` is emitted in
// pieces of `max_line` bytes, so a process that never prints a newline cannot grow lemu's memory.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace lemu::invoke {

class LineSplitter {
public:
    using Emit = std::function<void(std::string_view line)>;

    explicit LineSplitter(std::size_t max_line) : max_line_(max_line == 0 ? 1 : max_line) {}

    // Emits every complete line in `bytes` (without '\n'; a trailing '\r' is kept as written).
    void feed(std::string_view bytes, const Emit& emit);
    // Emits the pending partial line, if any (end of stream).
    void finish(const Emit& emit);
    std::size_t pending() const { return partial_.size(); }

private:
    std::size_t max_line_;
    std::string partial_;
};

}  // namespace lemu::invoke
