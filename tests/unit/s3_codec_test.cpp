#include <catch2/catch.hpp>

#include "emulator/core/aws_error.hpp"
#include "routers/s3/aws_chunked.hpp"
#include "routers/s3/codec.hpp"
#include "routers/s3/request_context.hpp"
#include "routers/s3/xml.hpp"

using namespace lemu;
using namespace lemu::routers::s3;

TEST_CASE("xml reader: namespaces, entities, CDATA; malformed input refused", "[unit][s3]") {
    auto doc = parse_xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><s3:Delete xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<s3:Object><s3:Key>a&amp;b&#x41;&#66;&lt;</s3:Key></s3:Object><Object><Key><![CDATA[x<y]]></Key></Object>"
        "<Quiet>true</Quiet><Empty/></s3:Delete>");
    REQUIRE(doc.has_value());
    CHECK(doc->name == "Delete");
    auto objects = doc->children_named("Object");
    REQUIRE(objects.size() == 2);
    CHECK(objects[0]->child("Key")->text == "a&bAB<");
    CHECK(objects[1]->child("Key")->text == "x<y");
    CHECK(doc->child("Empty") != nullptr);
    for (const char* bad : {"", "<a>", "<a></b>", "<a>&bogus;</a>", "<a></a><b></b>", "text", "<a x=1></a>",
                            "<!DOCTYPE a><a/>"}) {
        INFO(bad);
        CHECK_FALSE(parse_xml(bad).has_value());
    }
    XmlWriter w("Root");
    w.leaf("ETag", "\"abc\"").leaf("Key", "a<b&c");
    CHECK(w.finish() == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Root xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        "<ETag>&quot;abc&quot;</ETag><Key>a&lt;b&amp;c</Key></Root>");
}

TEST_CASE("aws-chunked bodies decode with signatures and trailers", "[unit][s3]") {
    auto signed_body = decode_aws_chunked(
        "5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\n\r\n");
    REQUIRE(signed_body.has_value());
    CHECK(signed_body->data == "hello world");
    CHECK(signed_body->trailers.empty());
    auto trailer = decode_aws_chunked("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n");
    REQUIRE(trailer.has_value());
    CHECK(trailer->data == "abc");
    REQUIRE(trailer->trailers.size() == 1);
    CHECK(trailer->trailers[0].first == "x-amz-checksum-crc32");
    CHECK(trailer->trailers[0].second == "NSRBwg==");
    CHECK_FALSE(decode_aws_chunked("zz\r\nabc\r\n0\r\n\r\n").has_value());
    CHECK_FALSE(decode_aws_chunked("5\r\nabc\r\n0\r\n\r\n").has_value());
    CHECK_FALSE(decode_aws_chunked("3\r\nabc").has_value());
}

TEST_CASE("notification configuration XML round trip", "[unit][s3]") {
    auto config = parse_notification_configuration(
        "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CloudFunctionConfiguration>"
        "<Id>cfg1</Id><CloudFunction>arn:aws:lambda:us-east-1:000000000000:function:fn:live</CloudFunction>"
        "<Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:Delete</Event><Filter><S3Key><FilterRule>"
        "<Name>Prefix</Name><Value>uploads/</Value></FilterRule></S3Key></Filter></CloudFunctionConfiguration>"
        "</NotificationConfiguration>");
    REQUIRE(config.lambda.size() == 1);
    const auto& c = config.lambda[0];
    CHECK(c.id == "cfg1");
    CHECK(c.function_arn == "arn:aws:lambda:us-east-1:000000000000:function:fn:live");
    CHECK(c.events == std::vector<std::string>{"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"});
    REQUIRE(c.filter_rules.size() == 1);
    CHECK(c.filter_rules[0].value == "uploads/");
    CHECK(parse_notification_configuration(notification_configuration_xml(config)).lambda[0].events == c.events);
    CHECK(parse_notification_configuration("<NotificationConfiguration/>").empty());
    CHECK_THROWS_AS(parse_notification_configuration("<NotificationConfiguration><CloudFunctionConfiguration>"
                                                     "<Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration>"
                                                     "</NotificationConfiguration>"),
                    AwsError);
    try {
        parse_notification_configuration("<NotificationConfiguration><QueueConfiguration/></NotificationConfiguration>");
        FAIL("queues are not served");
    } catch (const AwsError& e) {
        CHECK(e.name() == "NotImplemented");
        CHECK(e.http_status() == 501);
    }
}

TEST_CASE("addressing: virtual hosts and SigV4 scopes", "[unit][s3]") {
    CHECK(virtual_host_bucket("my-bucket.s3.localhost.localstack.cloud:4566") == "my-bucket");
    CHECK(virtual_host_bucket("my.dotted.bucket.s3.amazonaws.com") == "my.dotted.bucket");
    CHECK(virtual_host_bucket("b1b.s3-us-west-2.amazonaws.com") == "b1b");
    CHECK(virtual_host_bucket("bucket.localhost:1234") == "bucket");
    CHECK_FALSE(virtual_host_bucket("s3.localhost.localstack.cloud:4566").has_value());
    CHECK_FALSE(virtual_host_bucket("127.0.0.1:4566").has_value());
    CHECK_FALSE(virtual_host_bucket("localhost:4566").has_value());
    CHECK_FALSE(virtual_host_bucket("sqs.us-east-1.localhost.localstack.cloud").has_value());
    CHECK(is_s3_host("s3.localhost.localstack.cloud"));
    CHECK_FALSE(is_s3_host("lambda.us-east-1.amazonaws.com"));

    http::Request r = http::Request::make("GET", "/bucket/key");
    r.headers.set("Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=x");
    auto scope = sigv4_scope(r);
    REQUIRE(scope.has_value());
    CHECK(scope->access_key == "AKID");
    CHECK(scope->region == "eu-west-1");
    CHECK(scope->service == "s3");
    http::Request presigned =
        http::Request::make("GET", "/b/k?X-Amz-Credential=AKID%2F20260101%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Signature=x");
    CHECK(sigv4_scope(presigned)->region == "us-west-2");
    r.request_id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    auto context = make_context(r, "us-east-1");
    CHECK(context.request_id == "0F1E2D3C4B5A6978");
    CHECK(context.region == "eu-west-1");
    CHECK(context.principal_id == "AWS:AKID");
    CHECK(context.host_id.size() == 76);
}

TEST_CASE("S3 error documents carry the extra elements", "[unit][s3]") {
    AwsError e(ErrorCode::NoSuchKey, "The specified key does not exist.");
    e.with("Key", "a&b");
    CHECK(error_xml(e, "REQ", "HOST") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not "
          "exist.</Message><Key>a&amp;b</Key><RequestId>REQ</RequestId><HostId>HOST</HostId></Error>");
}
