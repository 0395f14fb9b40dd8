#include "sources/s3/recording_event_sink.hpp"

namespace lemu::sources::s3 {

void RecordingEventSink::deliver(S3EventDelivery delivery) {
    S3EventSink* next = nullptr;
    {
        std::lock_guard lock(mutex_);
        recent_.push_back(delivery);
        while (recent_.size() > capacity_) {
            recent_.pop_front();
        }
        next = next_;
    }
    if (next != nullptr) {
        next->deliver(std::move(delivery));
    }
}

std::vector<S3EventDelivery> RecordingEventSink::recent() const {
    std::lock_guard lock(mutex_);
    return {recent_.begin(), recent_.end()};
}

}  // namespace lemu::sources::s3
