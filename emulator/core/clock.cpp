#include "emulator/core/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace lemu {

ManualClock::ManualClock(TimePoint start) : now_(start) {}

TimePoint ManualClock::now() const {
    std::lock_guard lock(mutex_);
    return now_;
}

void ManualClock::advance(std::chrono::nanoseconds by) {
    {
        std::lock_guard lock(mutex_);
        now_ += std::chrono::duration_cast<TimePoint::duration>(by);
    }
    notify();
}

void ManualClock::set(TimePoint to) {
    {
        std::lock_guard lock(mutex_);
        now_ = to;
    }
    notify();
}

void ManualClock::on_advance(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
}

void ManualClock::notify() {
    std::vector<std::function<void()>> listeners;
    {
        std::lock_guard lock(mutex_);
        listeners = listeners_;
    }
    for (auto& listener : listeners) {
        listener();
    }
}

std::int64_t epoch_millis(TimePoint t) {
    return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}

TimePoint from_epoch_millis(std::int64_t ms) { return TimePoint{Millis{ms}}; }

namespace {
std::string format_utc(TimePoint t, std::string_view zone) {
    auto ms = std::chrono::time_point_cast<Millis>(t);
    auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(ms);
    auto fraction = (ms - seconds).count();
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}{}", seconds, fraction, zone);
}
}  // namespace

std::string lambda_timestamp(TimePoint t) { return format_utc(t, "+0000"); }
std::string iso8601_millis(TimePoint t) { return format_utc(t, "Z"); }

}  // namespace lemu
