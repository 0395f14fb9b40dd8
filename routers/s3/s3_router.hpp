#pragma once
// The S3 REST-XML service on the edge port (sources.md §4.A). Claims requests signed for scope
// "s3", S3 hosts ("s3.*", "{bucket}.s3.*", "{bucket}.localhost"), SigV2 "AWS " authorization, and
// as a fallback unsigned path-style requests whose first segment names an existing bucket. Both
// path-style (/{bucket}/{key+}) and virtual-host addressing are served.

#include <cstddef>
#include <string_view>
#include <vector>

#include "routers/http/router.hpp"
#include "routers/s3/request_context.hpp"
#include "sources/s3/bucket_store.hpp"

namespace lemu::routers::s3 {

struct S3RouterOptions {
    std::size_t max_object_bytes = 64 * 1024 * 1024;  // larger uploads get 400 EntityTooLarge
};

class S3Router final : public http::Router {
public:
    explicit S3Router(sources::s3::BucketStore& store, S3RouterOptions options = {});

    std::string_view name() const override { return "s3"; }
    bool matches(const http::Request& head) const override;
    std::size_t body_limit(const http::Request& head) const override;
    AwsError body_too_large(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

private:
    enum class Level { Service, Bucket, Object };
    using Handler = http::Response (S3Router::*)(http::Request&, const S3Context&);
    struct Route {
        std::string_view method;
        Level level;
        std::string_view selector;  // query key that picks the operation; "" when none is present
        std::string_view header;    // a header that must be present (CopyObject); "" for none
        std::string_view operation;
        Handler handler;
    };
    static const std::vector<Route>& routes();  // routes.cpp
    // Sets params Bucket/Key from the path (and Host, for virtual-host addressing).
    static Level bind_address(http::Request& request);
    // The operation-selecting query key ("" for none); 501 for subresources lemu does not serve.
    static std::string_view selector(const http::Request& request);
    http::Response dispatch(http::Request& request, const S3Context& context);

    // Service and buckets (bucket_handlers.cpp).
    http::Response list_buckets(http::Request& request, const S3Context& context);
    http::Response create_bucket(http::Request& request, const S3Context& context);
    http::Response head_bucket(http::Request& request, const S3Context& context);
    http::Response delete_bucket(http::Request& request, const S3Context& context);
    http::Response get_bucket_location(http::Request& request, const S3Context& context);
    http::Response list_objects(http::Request& request, const S3Context& context);
    http::Response delete_objects(http::Request& request, const S3Context& context);
    http::Response put_notification(http::Request& request, const S3Context& context);
    http::Response get_notification(http::Request& request, const S3Context& context);
    // Objects (object_handlers.cpp).
    http::Response put_object(http::Request& request, const S3Context& context);
    http::Response copy_object(http::Request& request, const S3Context& context);
    http::Response get_object(http::Request& request, const S3Context& context);
    http::Response head_object(http::Request& request, const S3Context& context);
    http::Response delete_object(http::Request& request, const S3Context& context);
    // Multipart uploads (multipart_handlers.cpp).
    http::Response create_multipart_upload(http::Request& request, const S3Context& context);
    http::Response upload_part(http::Request& request, const S3Context& context);
    http::Response complete_multipart_upload(http::Request& request, const S3Context& context);
    http::Response abort_multipart_upload(http::Request& request, const S3Context& context);
    http::Response list_parts(http::Request& request, const S3Context& context);
    http::Response list_multipart_uploads(http::Request& request, const S3Context& context);
    http::Response not_implemented(http::Request& request, const S3Context& context);

    sources::s3::BucketStore& store_;
    S3RouterOptions options_;
};

}  // namespace lemu::routers::s3
