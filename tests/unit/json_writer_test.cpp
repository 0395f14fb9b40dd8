#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "emulator/core/json_writer.hpp"

using lemu::JsonWriter;

TEST_CASE("JsonWriter writes nested documents", "[unit][json]") {
    JsonWriter w;
    w.begin_object();
    w.field("s", "text").field("n", std::int64_t{-42}).field("i", 7).field("t", true).field("f", false);
    w.key("z").null();
    w.key("a").begin_array().value("x").begin_object().end_object().begin_array().end_array().null().end_array();
    w.key("o").begin_object().field("k", "v").end_object();
    w.end_object();
    CHECK(w.take() == R"({"s":"text","n":-42,"i":7,"t":true,"f":false,"z":null,"a":["x",{},[],null],"o":{"k":"v"}})");
}

TEST_CASE("JsonWriter escapes like nlohmann's dump", "[unit][json]") {
    std::string text = std::string("q\" b\\ / \b\f\n\r\t \x01\x1f \x7f \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 end");
    JsonWriter w;
    w.value(text);
    std::string written = w.take();
    CHECK(written == nlohmann::json(text).dump());
    CHECK(nlohmann::json::parse(written).get<std::string>() == text);
}

TEST_CASE("JsonWriter replaces bytes that are not UTF-8 with U+FFFD", "[unit][json]") {
    const std::string bad[] = {
        "\xff",          // never a UTF-8 byte
        "\x80",          // a lone continuation byte
        "\xc3",          // a truncated two-byte sequence
        "\xc0\xaf",      // an overlong encoding of '/'
        "\xed\xa0\x80",  // a UTF-16 surrogate
        "\xf4\x90\x80\x80",  // beyond U+10FFFF
        "\xe2\x82",      // a truncated three-byte sequence
    };
    for (const std::string& bytes : bad) {
        JsonWriter w;
        w.value("a" + bytes + "b");
        std::string written = w.take();
        CAPTURE(bytes);
        CHECK(written == nlohmann::json("a" + bytes + "b").dump(-1, ' ', false,
                                                                 nlohmann::json::error_handler_t::replace));
        CHECK_NOTHROW(nlohmann::json::parse(written));
    }
}
