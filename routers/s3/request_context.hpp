#pragma once
// What every S3 handler needs to know about a request besides its operation: the S3-style ids it
// is answered with, who signed it and for which region, and how the bucket was addressed.

#include <optional>
#include <string>
#include <string_view>

#include "routers/http/request.hpp"
#include "sources/s3/s3_event.hpp"

namespace lemu::routers::s3 {

// The credential scope of a SigV4 request: Authorization "Credential=AKID/DATE/REGION/SERVICE/..."
// or a presigned URL's X-Amz-Credential.
struct SigV4Scope {
    std::string access_key;
    std::string region;
    std::string service;
};
std::optional<SigV4Scope> sigv4_scope(const http::Request& request);

// The bucket named by a virtual-host style Host header: "{bucket}.s3.<anything>",
// "{bucket}.s3-<region>.<anything>" or "{bucket}.localhost"; nullopt for path style.
std::optional<std::string> virtual_host_bucket(std::string_view host);
// True for hosts that can only mean S3 ("s3.<anything>" or a virtual-host bucket).
bool is_s3_host(std::string_view host);

struct S3Context {
    std::string request_id;  // x-amz-request-id: 16 upper-case hex digits
    std::string host_id;     // x-amz-id-2
    std::string region;      // the signing region, else lemu's home region
    sources::s3::RequestInfo info() const;
    std::string source_ip;
    std::string principal_id;
};

S3Context make_context(const http::Request& request, std::string_view home_region);

}  // namespace lemu::routers::s3
