#include "emulator/invoke/denial_log.hpp"

namespace lemu::invoke {

void DenialLog::record(Denial denial) {
    std::lock_guard lock(mutex_);
    denials_.push_back(std::move(denial));
    if (denials_.size() > capacity_) {
        denials_.pop_front();
        ++dropped_;
    }
}

std::vector<Denial> DenialLog::since(TimePoint since) const {
    std::lock_guard lock(mutex_);
    std::vector<Denial> out;
    for (const Denial& d : denials_) {
        if (d.time >= since) {
            out.push_back(d);
        }
    }
    return out;
}

std::size_t DenialLog::dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

}  // namespace lemu::invoke
