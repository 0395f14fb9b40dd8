// Every S3 operation lemu serves, on one screen. S3 picks the operation from the method, whether
// the path names the service, a bucket or an object, and a "subresource" query key
// (?notification, ?uploads, ?uploadId=...), not from query key=value pairs.

#include "routers/s3/s3_router.hpp"

namespace lemu::routers::s3 {

const std::vector<S3Router::Route>& S3Router::routes() {
    using L = Level;
    static const std::vector<Route> kRoutes{
        {"GET", L::Service, "", "", "ListBuckets", &S3Router::list_buckets},

        {"PUT", L::Bucket, "", "", "CreateBucket", &S3Router::create_bucket},
        {"HEAD", L::Bucket, "", "", "HeadBucket", &S3Router::head_bucket},
        {"DELETE", L::Bucket, "", "", "DeleteBucket", &S3Router::delete_bucket},
        {"GET", L::Bucket, "location", "", "GetBucketLocation", &S3Router::get_bucket_location},
        {"GET", L::Bucket, "list-type", "", "ListObjectsV2", &S3Router::list_objects},
        {"GET", L::Bucket, "", "", "ListObjects", &S3Router::list_objects},
        {"POST", L::Bucket, "delete", "", "DeleteObjects", &S3Router::delete_objects},
        {"PUT", L::Bucket, "notification", "", "PutBucketNotificationConfiguration", &S3Router::put_notification},
        {"GET", L::Bucket, "notification", "", "GetBucketNotificationConfiguration", &S3Router::get_notification},
        {"GET", L::Bucket, "uploads", "", "ListMultipartUploads", &S3Router::list_multipart_uploads},

        {"PUT", L::Object, "", "x-amz-copy-source", "CopyObject", &S3Router::copy_object},
        {"PUT", L::Object, "", "", "PutObject", &S3Router::put_object},
        {"GET", L::Object, "", "", "GetObject", &S3Router::get_object},
        {"HEAD", L::Object, "", "", "HeadObject", &S3Router::head_object},
        {"DELETE", L::Object, "", "", "DeleteObject", &S3Router::delete_object},
        {"POST", L::Object, "uploads", "", "CreateMultipartUpload", &S3Router::create_multipart_upload},
        {"PUT", L::Object, "uploadId", "x-amz-copy-source", "UploadPartCopy", &S3Router::not_implemented},
        {"PUT", L::Object, "uploadId", "", "UploadPart", &S3Router::upload_part},
        {"POST", L::Object, "uploadId", "", "CompleteMultipartUpload", &S3Router::complete_multipart_upload},
        {"DELETE", L::Object, "uploadId", "", "AbortMultipartUpload", &S3Router::abort_multipart_upload},
        {"GET", L::Object, "uploadId", "", "ListParts", &S3Router::list_parts},
    };
    return kRoutes;
}

}  // namespace lemu::routers::s3
