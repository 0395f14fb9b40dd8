#include "sources/apigateway/url_text.hpp"

#include "emulator/core/text.hpp"

namespace lemu::sources::apigateway {
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

}  // namespace

std::string url_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plus_is_space && c == '+') ? ' ' : c;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> decode_query(std::string_view raw_query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    if (raw_query.empty()) {
        return pairs;
    }
    for (std::string_view part : split(raw_query, '&')) {
        if (part.empty()) {
            continue;
        }
        std::size_t eq = part.find('=');
        std::string_view key = part.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
        pairs.emplace_back(url_decode(key, true), url_decode(value, true));
    }
    return pairs;
}

std::vector<std::string_view> path_segments(std::string_view raw_path) {
    if (raw_path.starts_with('/')) {
        raw_path.remove_prefix(1);
    }
    if (raw_path.ends_with('/')) {
        raw_path.remove_suffix(1);
    }
    if (raw_path.empty()) {
        return {};
    }
    return split(raw_path, '/');
}

}  // namespace lemu::sources::apigateway
