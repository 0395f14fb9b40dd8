// Core text helpers: whole-string number parsing, percent-encoding with a caller's safe set, ISO 8601 times.

#include <catch2/catch.hpp>

#include <cstdint>

#include "emulator/core/clock.hpp"
#include "emulator/core/percent_encoding.hpp"
#include "emulator/core/text.hpp"

using namespace lemu;

TEST_CASE("parse_number takes the whole text or nothing", "[unit][text]") {
    CHECK(parse_number<int>("42") == 42);
    CHECK(parse_number<int>("-7") == -7);
    CHECK(parse_number<std::uint64_t>("18446744073709551615") == UINT64_MAX);
    CHECK_FALSE(parse_number<std::uint64_t>("18446744073709551616"));  // does not fit
    CHECK_FALSE(parse_number<std::uint64_t>("-1"));                    // no sign for unsigned
    CHECK_FALSE(parse_number<int>(""));
    CHECK_FALSE(parse_number<int>("12a"));
    CHECK_FALSE(parse_number<int>(" 12"));
    CHECK_FALSE(parse_number<int>("1.5"));
}

TEST_CASE("percent_encode keeps RFC 3986 unreserved bytes, percent_encode_except a chosen set",
          "[unit][text]") {
    CHECK(percent_encode("a b/c~*") == "a%20b%2Fc~%2A");
    CHECK(percent_encode("a b/c", true) == "a%20b/c");
    // S3 event keys: java.net.URLEncoder's safe set plus '/', spaces as '+'.
    CHECK(percent_encode_except("dir/my file*(1).txt", "-_.*/", true) == "dir/my+file*%281%29.txt");
    CHECK(percent_encode_except("\xC3\xA9", "") == "%C3%A9");
}

TEST_CASE("parse_iso8601 reads fractions as fractions and applies offsets", "[unit][text]") {
    const TimePoint base = from_epoch_millis(1767323045000);  // 2026-01-02T03:04:05Z
    CHECK(parse_iso8601("2026-01-02T03:04:05Z") == base);
    CHECK(parse_iso8601("2026-01-02T03:04:05") == base);
    CHECK(parse_iso8601("2026-01-02T03:04:05.5Z") == base + std::chrono::milliseconds(500));
    CHECK(parse_iso8601("2026-01-02T03:04:05.123456Z") == base + std::chrono::microseconds(123456));
    CHECK(parse_iso8601("2026-01-02T05:04:05+02:00") == base);
    CHECK(parse_iso8601("2026-01-02T01:04:05-02:00") == base);
    CHECK_FALSE(parse_iso8601("2026-01-02 03:04:05Z"));
    CHECK_FALSE(parse_iso8601("2026-02-30T03:04:05Z"));
    CHECK_FALSE(parse_iso8601("2026-01-02T03:04:05.Z"));
    CHECK_FALSE(parse_iso8601("2026-01-02T03:04:05+2"));
    CHECK_FALSE(parse_iso8601("yesterday"));
}
