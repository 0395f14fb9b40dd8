#include "emulator/invoke/line_splitter.hpp"

namespace lemu::invoke {

void LineSplitter::feed(std::string_view bytes, const Emit& emit) {
    while (!bytes.empty()) {
        std::size_t newline = bytes.find('\n');
        std::size_t take = newline == std::string_view::npos ? bytes.size() : newline;
        std::size_t room = max_line_ - partial_.size();
        if (take > room) {
            // The line is over the bound: emit what fits and carry on with the rest as a new line.
            if (partial_.empty()) {
                emit(bytes.substr(0, room));
            } else {
                partial_.append(bytes.substr(0, room));
                emit(partial_);
                partial_.clear();
            }
            bytes.remove_prefix(room);
            continue;
        }
        if (newline == std::string_view::npos) {
            partial_.append(bytes);
            return;
        }
        if (partial_.empty()) {
            emit(bytes.substr(0, newline));
        } else {
            partial_.append(bytes.substr(0, newline));
            emit(partial_);
            partial_.clear();
        }
        bytes.remove_prefix(newline + 1);
    }
}

void LineSplitter::finish(const Emit& emit) {
    if (!partial_.empty()) {
        emit(partial_);
        partial_.clear();
    }
}

}  // namespace lemu::invoke
