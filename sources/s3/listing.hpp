#pragma once
// One page of ListObjects / ListObjectsV2 over a bucket's sorted keys: prefix, delimiter with
// CommonPrefixes (each counts toward MaxKeys), start-after / marker and continuation tokens.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/s3/s3_object.hpp"

namespace lemu::sources::s3 {

using ObjectMap = std::map<std::string, ObjectPtr, std::less<>>;

struct ListQuery {
    std::string prefix;
    std::string delimiter;
    int max_keys = 1000;
    std::string start_after;                  // V2 StartAfter, V1 Marker
    std::optional<std::string> continue_from; // decoded continuation token (wins over start_after)
};

struct ListPage {
    std::vector<ObjectPtr> contents;
    std::vector<std::string> common_prefixes;
    bool truncated = false;
    std::string last_returned;  // the last key or common prefix on this page
    std::size_t count() const { return contents.size() + common_prefixes.size(); }
};

ListPage list_page(const ObjectMap& objects, const ListQuery& query);

// Continuation tokens are opaque to clients; lemu's carry the last element returned.
std::string encode_continuation_token(std::string_view last_returned);
std::optional<std::string> decode_continuation_token(std::string_view token);

}  // namespace lemu::sources::s3
