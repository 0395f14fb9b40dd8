#include "emulator/core/json_writer.hpp"

#include <charconv>

namespace lemu {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kHex = "0123456789abcdef";

bool in(unsigned char c, unsigned char low, unsigned char high) { return c >= low && c <= high; }

// The UTF-8 sequence starting at text[i] (RFC 3629): how many bytes it spans and whether it is well
// formed. An ill-formed one spans its longest valid prefix (at least one byte), which becomes one
// U+FFFD: the "maximal subpart" practice of the Unicode standard, which nlohmann follows too.
struct Utf8Scan {
    std::size_t length;
    bool valid;
};

Utf8Scan scan_utf8(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80;  // the allowed range of the second byte; later ones are always 80-BF
    unsigned char high = 0xBF;
    if (in(lead, 0xC2, 0xDF)) {
        length = 2;
    } else if (in(lead, 0xE0, 0xEF)) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (in(lead, 0xF0, 0xF4)) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return {1, false};
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size()) {
            return {k, false};
        }
        const auto c = static_cast<unsigned char>(text[i + k]);
        if (!(k == 1 ? in(c, low, high) : in(c, 0x80, 0xBF))) {
            return {k, false};
        }
    }
    return {length, true};
}

}  // namespace

JsonWriter::JsonWriter(std::size_t reserve) { out_.reserve(reserve); }

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) {
            out_ += ',';
        }
        first_.back() = false;
    }
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    value(name);
    out_ += ':';
    after_key_ = true;
    return *this;
}

void JsonWriter::append_escaped(std::string_view text) {
    std::size_t run = 0;  // start of the current run of bytes copied as they are
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            Utf8Scan scan = scan_utf8(text, i);
            if (scan.valid) {
                i += scan.length;
                continue;
            }
            out_.append(text.data() + run, i - run);
            out_ += kReplacement;
            i += scan.length;
            run = i;
            continue;
        }
        out_.append(text.data() + run, i - run);
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\b':
                out_ += "\\b";
                break;
            case '\f':
                out_ += "\\f";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            default:
                out_ += "\\u00";
                out_ += kHex[c >> 4];
                out_ += kHex[c & 15];
        }
        run = ++i;
    }
    out_.append(text.data() + run, text.size() - run);
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    out_ += '"';
    append_escaped(text);
    out_ += '"';
    return *this;
}

template <class Integer>
JsonWriter& JsonWriter::append_integer(Integer number) {
    separate();
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    out_.append(buffer, result.ptr);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) { return append_integer(number); }

JsonWriter& JsonWriter::value(std::uint64_t number) { return append_integer(number); }

JsonWriter& JsonWriter::raw(std::string_view json) {
    separate();
    out_ += json;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    return *this;
}

}  // namespace lemu
