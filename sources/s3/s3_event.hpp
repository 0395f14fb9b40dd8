#pragma once
// The S3 event document a notification delivers (sources.md §4.C): {"Records":[record]} with
// eventVersion 2.1, eventName without "s3:", the key form-URL-encoded, the ETag unquoted.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.hpp"

namespace lemu::sources::s3 {

// Who asked and how S3 answered, echoed in the record.
struct RequestInfo {
    std::string request_id;    // x-amz-request-id
    std::string host_id;       // x-amz-id-2
    std::string source_ip;
    std::string principal_id;  // userIdentity.principalId
};

struct S3EventRecord {
    std::string event_name;  // "ObjectCreated:Put" (no "s3:")
    TimePoint time;
    std::string region;
    std::string bucket;
    std::string bucket_owner_id;  // ownerIdentity.principalId
    std::string key;              // raw key; encoded by the builder
    std::optional<std::uint64_t> size;  // created events only
    std::optional<std::string> etag;    // unquoted hex; created events only
    std::string sequencer;
    std::string configuration_id;
    RequestInfo request;
};

// {"Records":[...]} as compact JSON.
std::string build_s3_event(const S3EventRecord& record);

// Form URL encoding as S3 writes keys into events: unreserved characters and '/' stay, space
// becomes '+', everything else %XX (upper case).
std::string encode_event_key(std::string_view key);

// Upper-case hex, 18 digits; larger values sort later both numerically and as strings.
std::string format_sequencer(std::uint64_t value);

// The ownerIdentity principal AWS shows for a bucket owned by `account` (stable per account).
std::string owner_principal_id(std::string_view account);

}  // namespace lemu::sources::s3
