#include "emulator/core/percent_encoding.hpp"

#include "emulator/core/text.hpp"

namespace lemu {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Appends the decoding of `text` to `out`; false at the first malformed escape when `strict`.
bool decode_into(std::string& out, std::string_view text, bool plus_is_space, bool strict) {
    out.reserve(out.size() + text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
            int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
            if (strict) {
                return false;
            }
        }
        out += (plus_is_space && c == '+') ? ' ' : c;
    }
    return true;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    if (!decode_into(out, text, plus_is_space, true)) {
        return std::nullopt;
    }
    return out;
}

std::string percent_decode_lenient(std::string_view text, bool plus_is_space) {
    std::string out;
    decode_into(out, text, plus_is_space, false);
    return out;
}

std::string percent_encode_except(std::string_view text, std::string_view safe, bool space_as_plus) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_alnum(c) || safe.find(c) != std::string_view::npos) {
            out += c;
        } else if (space_as_plus && c == ' ') {
            out += '+';
        } else {
            auto b = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[b >> 4];
            out += kHex[b & 15];
        }
    }
    return out;
}

std::string percent_encode(std::string_view text, bool keep_slash) {
    return percent_encode_except(text, keep_slash ? "-_.~/" : "-_.~");
}

QueryParams parse_query(std::string_view query) {
    QueryParams params;
    if (query.empty()) {
        return params;
    }
    for (std::string_view part : split(query, '&')) {
        if (part.empty()) {
            continue;
        }
        std::size_t eq = part.find('=');
        std::string_view key = part.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
        params.emplace_back(percent_decode_lenient(key, true), percent_decode_lenient(value, true));
    }
    return params;
}

}  // namespace lemu
