#include "emulator/core/clock.hpp"

#include <algorithm>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "emulator/core/text.hpp"

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

std::optional<TimePoint> parse_iso8601(std::string_view s) {
    auto number = [&](std::size_t at, std::size_t length) { return parse_number<int>(s.substr(at, length)); };
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
        s[16] != ':') {
        return std::nullopt;
    }
    std::optional<int> y = number(0, 4), mo = number(5, 2), d = number(8, 2);
    std::optional<int> h = number(11, 2), mi = number(14, 2), sec = number(17, 2);
    if (!y || !mo || !d || !h || !mi || !sec || *mo < 1 || *d < 1) {
        return std::nullopt;
    }
    std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*mo)},
                                    std::chrono::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok() || *h > 23 || *mi > 59 || *sec > 60) {
        return std::nullopt;
    }
    TimePoint t = std::chrono::sys_days{ymd} + std::chrono::hours{*h} + std::chrono::minutes{*mi} +
                  std::chrono::seconds{*sec};
    std::string_view rest = s.substr(19);
    if (rest.starts_with('.')) {
        std::size_t n = 1;
        while (n < rest.size() && is_digit(rest[n])) {
            ++n;
        }
        if (n == 1) {
            return std::nullopt;
        }
        std::string fraction(rest.substr(1, std::min<std::size_t>(n - 1, 9)));
        fraction.resize(9, '0');  // .5 is 500 ms
        t += std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds{std::stoll(fraction)});
        rest.remove_prefix(n);
    }
    if (rest == "Z" || rest == "z" || rest.empty()) {
        return t;
    }
    std::optional<int> oh = rest.size() == 6 ? parse_number<int>(rest.substr(1, 2)) : std::nullopt;
    std::optional<int> om = rest.size() == 6 ? parse_number<int>(rest.substr(4, 2)) : std::nullopt;
    if (!oh || !om || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') {
        return std::nullopt;
    }
    auto offset = std::chrono::hours{*oh} + std::chrono::minutes{*om};
    return rest[0] == '+' ? t - offset : t + offset;
}

}  // namespace lemu
