#include "emulator/invoke/log_tail.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "emulator/invoke/line_splitter.hpp"

using namespace lemu::invoke;

TEST_CASE("the log tail keeps the last N bytes, lines and newlines included", "[unit][invoke]") {
    LogTail tail(10);
    tail.append("abc");
    CHECK(tail.str() == "abc\n");
    tail.append("defgh");
    CHECK(tail.str() == "abc\ndefgh\n");
    tail.append("ij");
    CHECK(tail.str() == "\ndefgh\nij\n");
    CHECK(tail.str().size() == 10);
}

TEST_CASE("the log tail's memory stays bounded whatever is appended", "[unit][invoke]") {
    LogTail tail(4096);
    std::string line(100, 'x');
    for (int i = 0; i < 100000; ++i) {
        tail.append(line);
        REQUIRE(tail.capacity_used() <= 2 * 4096);
    }
    CHECK(tail.str().size() == 4096);
    tail.append(std::string(10000, 'y'));
    CHECK(tail.str() == std::string(4095, 'y') + "\n");
    LogTail none(0);
    none.append("anything");
    CHECK(none.str().empty());
}

TEST_CASE("output is split into lines with a bounded line length", "[unit][invoke]") {
    LineSplitter splitter(8);
    std::vector<std::string> lines;
    auto emit = [&lines](std::string_view line) { lines.emplace_back(line); };
    splitter.feed("one\ntw", emit);
    CHECK(lines == std::vector<std::string>{"one"});
    CHECK(splitter.pending() == 2);
    splitter.feed("o\n\nthree\r\n", emit);
    CHECK(lines == std::vector<std::string>{"one", "two", "", "three\r"});
    lines.clear();
    splitter.feed("0123456789abcdefXYZ", emit);  // no newline: pieces of at most 8 bytes
    CHECK(lines == std::vector<std::string>{"01234567", "89abcdef"});
    CHECK(splitter.pending() == 3);
    splitter.feed("45678\n", emit);
    CHECK(lines == std::vector<std::string>{"01234567", "89abcdef", "XYZ45678"});
    lines.clear();
    splitter.feed("12345678\n", emit);  // exactly the bound
    CHECK(lines == std::vector<std::string>{"12345678"});
    splitter.feed("tail", emit);
    splitter.finish(emit);
    CHECK(lines.back() == "tail");
    CHECK(splitter.pending() == 0);
}
