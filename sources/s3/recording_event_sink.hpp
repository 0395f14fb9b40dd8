#pragma once
// Keeps the most recent deliveries (for GET /_lemu/s3-notifications) and forwards each one to the
// next sink, if any. Thread-safe.

#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include "sources/s3/event_sink.hpp"

namespace lemu::sources::s3 {

class RecordingEventSink final : public S3EventSink {
public:
    explicit RecordingEventSink(S3EventSink* next = nullptr, std::size_t capacity = 200)
        : next_(next), capacity_(capacity) {}

    void set_next(S3EventSink* next) {
        std::lock_guard lock(mutex_);
        next_ = next;
    }
    void deliver(S3EventDelivery delivery) override;
    // Oldest first.
    std::vector<S3EventDelivery> recent() const;

private:
    mutable std::mutex mutex_;
    S3EventSink* next_;
    std::size_t capacity_;
    std::deque<S3EventDelivery> recent_;
};

}  // namespace lemu::sources::s3
