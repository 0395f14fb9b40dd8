#include "emulator/invoke/function_log.hpp"

#include "emulator/core/log.hpp"

namespace lemu::invoke {

FunctionLog::FunctionLog(std::string_view function, std::string_view version, std::size_t tail_bytes)
    : logger_(log::get("function")), tail_bytes_(tail_bytes) {
    stream_.reserve(function.size() + version.size() + 1);
    stream_.append(function).append(":").append(version);
}

void FunctionLog::write(std::string_view line) {
    logger_->info("{} [{}] {}", stream_, request_id_.empty() ? std::string_view("-") : request_id_, line);
    if (tail_) {
        tail_->append(line);
    }
}

void FunctionLog::on_line(OutputStream, std::string_view line) {
    std::lock_guard lock(mutex_);
    write(line);
}

void FunctionLog::platform(std::string_view line) {
    std::lock_guard lock(mutex_);
    write(line);
}

void FunctionLog::begin_invocation(std::string_view request_id, bool keep_tail) {
    std::lock_guard lock(mutex_);
    request_id_.assign(request_id);
    tail_.reset();
    if (keep_tail) {
        tail_.emplace(tail_bytes_);
    }
}

std::string FunctionLog::end_invocation() {
    std::lock_guard lock(mutex_);
    std::string tail = tail_ ? tail_->str() : std::string();
    tail_.reset();
    request_id_.clear();
    return tail;
}

}  // namespace lemu::invoke
