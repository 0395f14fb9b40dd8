#include "emulator/invoke/log_tail.hpp"

namespace lemu::invoke {

void LogTail::append(std::string_view line) {
    if (limit_ == 0) {
        return;
    }
    if (line.size() + 1 >= limit_) {
        // Only the end of this line can survive.
        buffer_.assign(line.substr(line.size() + 1 - limit_));
        buffer_.push_back('\n');
        return;
    }
    buffer_.append(line);
    buffer_.push_back('\n');
    if (buffer_.size() > 2 * limit_) {
        buffer_.erase(0, buffer_.size() - limit_);
    }
}

std::string LogTail::str() const {
    if (buffer_.size() <= limit_) {
        return buffer_;
    }
    return buffer_.substr(buffer_.size() - limit_);
}

}  // namespace lemu::invoke
