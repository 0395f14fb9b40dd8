#include "sources/s3/s3_event.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/percent_encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::s3 {

std::string encode_event_key(std::string_view key) {
    // java.net.URLEncoder's safe set, plus '/' which S3 leaves readable.
    return percent_encode_except(key, "-_.*/", true);
}

std::string format_sequencer(std::uint64_t value) { return fmt::format("{:018X}", value); }

std::string owner_principal_id(std::string_view account) {
    // AWS ids look like "A3NL1KOZZKExample": 'A' and upper-case alphanumerics.
    std::string hex = hex_encode(md5(account));
    std::string id = "A";
    for (char c : hex.substr(0, 13)) {
        id += static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
    }
    return id;
}

std::string build_s3_event(const S3EventRecord& r) {
    nlohmann::ordered_json object;
    object["key"] = encode_event_key(r.key);
    if (r.size) {
        object["size"] = *r.size;
    }
    if (r.etag) {
        object["eTag"] = *r.etag;
    }
    object["sequencer"] = r.sequencer;

    nlohmann::ordered_json record;
    record["eventVersion"] = "2.1";
    record["eventSource"] = "aws:s3";
    record["awsRegion"] = r.region;
    record["eventTime"] = iso8601_millis(r.time);
    record["eventName"] = r.event_name;
    record["userIdentity"] = {{"principalId", r.request.principal_id}};
    record["requestParameters"] = {{"sourceIPAddress", r.request.source_ip}};
    record["responseElements"] = {{"x-amz-request-id", r.request.request_id}, {"x-amz-id-2", r.request.host_id}};
    record["s3"] = {
        {"s3SchemaVersion", "1.0"},
        {"configurationId", r.configuration_id},
        {"bucket",
         {{"name", r.bucket}, {"ownerIdentity", {{"principalId", r.bucket_owner_id}}}, {"arn", "arn:aws:s3:::" + r.bucket}}},
        {"object", std::move(object)},
    };
    nlohmann::ordered_json doc;
    doc["Records"] = nlohmann::ordered_json::array({std::move(record)});
    return doc.dump();
}

}  // namespace lemu::sources::s3
