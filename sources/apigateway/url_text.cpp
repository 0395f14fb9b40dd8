#include "sources/apigateway/url_text.hpp"

#include "emulator/core/percent_encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::apigateway {

std::string url_decode(std::string_view text, bool plus_is_space) { return percent_decode_lenient(text, plus_is_space); }

std::vector<std::pair<std::string, std::string>> decode_query(std::string_view raw_query) {
    return parse_query(raw_query);
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
