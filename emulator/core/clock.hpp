#pragma once
// Wall-clock time, injected so tests can fast-forward (DESIGN.md §1.3). Everything that stores a
// timestamp or decides "is it due yet" asks a Clock; nothing calls system_clock directly.

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu {

using TimePoint = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    // True when time moves only by advance(); schedulers then wake on advances instead of sleeping.
    virtual bool is_manual() const { return false; }
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when told to. Listeners run after every move (outside the lock), so a
// scheduler waiting for a deadline can re-check it.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = TimePoint{std::chrono::seconds{1'700'000'000}});
    TimePoint now() const override;
    bool is_manual() const override { return true; }
    void advance(std::chrono::nanoseconds by);
    void set(TimePoint to);
    void on_advance(std::function<void()> listener);

private:
    void notify();
    mutable std::mutex mutex_;
    TimePoint now_;
    std::vector<std::function<void()>> listeners_;
};

std::int64_t epoch_millis(TimePoint t);
TimePoint from_epoch_millis(std::int64_t ms);
// 2024-01-02T03:04:05.678+0000, the form Lambda uses for LastModified.
std::string lambda_timestamp(TimePoint t);
// 2024-01-02T03:04:05.678Z (ISO 8601, UTC, milliseconds).
std::string iso8601_millis(TimePoint t);
// An ISO 8601 date-time, 2024-01-02T03:04:05 with an optional fraction (up to nanoseconds) and `Z`, no
// zone (UTC) or a `+hh:mm`/`-hh:mm` offset. nullopt when it is anything else.
std::optional<TimePoint> parse_iso8601(std::string_view text);

}  // namespace lemu
