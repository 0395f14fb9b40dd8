#include <catch2/catch.hpp>

#include "emulator/core/encoding.hpp"

#include <vector>

using namespace lemu;

TEST_CASE("base64 round-trips every padding length", "[unit][encoding]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
        CHECK(base64_decode(base64_encode(s)) == s);
    }
}

TEST_CASE("base64 rejects malformed input", "[unit][encoding]") {
    CHECK_FALSE(base64_decode("Zg="));
    CHECK_FALSE(base64_decode("Z==="));
    CHECK_FALSE(base64_decode("Zm9v!A=="));
    CHECK_FALSE(base64_decode("Zg==Zg=="));
    CHECK_FALSE(base64_decode("Z=g="));
}
