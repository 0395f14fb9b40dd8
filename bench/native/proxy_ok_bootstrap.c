/* A minimal native Lambda runtime: one keep-alive connection to the Runtime API, answering every event
 * with the same API Gateway proxy result, {"statusCode":200,...,"body":"ok"}. bench/sources uses it to
 * measure lemu's execute-api path with real process isolation but without interpreter overhead. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static char buf[7 * 1024 * 1024];
static size_t have = 0; /* bytes buffered in buf */

static int connect_to(const char *address) {
    char host[256];
    const char *colon = strrchr(address, ':');
    if (!colon || (size_t)(colon - address) >= sizeof host) return -1;
    memcpy(host, address, (size_t)(colon - address));
    host[colon - address] = '\0';
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)atoi(colon + 1));
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) return -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) return -1;
    return fd;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one HTTP response; returns the header length, sets *body and *body_len. */
static long read_response(int fd, char **body, size_t *body_len) {
    char *end;
    for (;;) {
        buf[have] = '\0';
        if ((end = strstr(buf, "\r\n\r\n")) != NULL) break;
        ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
        if (r <= 0) return -1;
        have += (size_t)r;
    }
    size_t header_len = (size_t)(end - buf) + 4;
    size_t content_length = 0;
    for (char *line = strstr(buf, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, "Content-Length:", 15) == 0) content_length = strtoul(line + 15, NULL, 10);
    }
    while (have < header_len + content_length) {
        ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
        if (r <= 0) return -1;
        have += (size_t)r;
    }
    *body = buf + header_len;
    *body_len = content_length;
    return (long)header_len;
}

static void consume(size_t n) {
    memmove(buf, buf + n, have - n);
    have -= n;
}

static void header_value(const char *name, char *out, size_t out_size) {
    out[0] = '\0';
    size_t name_len = strlen(name);
    for (char *line = buf; line && *line && strncmp(line, "\r\n", 2) != 0; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, name, name_len) == 0 && line[name_len] == ':') {
            char *v = line + name_len + 1;
            while (*v == ' ') v++;
            size_t i = 0;
            while (v[i] && v[i] != '\r' && i + 1 < out_size) { out[i] = v[i]; i++; }
            out[i] = '\0';
            return;
        }
    }
}

int main(void) {
    const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
    int fd = api ? connect_to(api) : -1;
    if (fd < 0) { fprintf(stderr, "cannot reach the Runtime API\n"); return 1; }
    static const char next[] = "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: runtime\r\n\r\n";
    static const char result[] = "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"ok\"}";
    static char out[1024];
    for (;;) {
        if (send_all(fd, next, sizeof next - 1) != 0) return 1;
        char *body; size_t body_len;
        long header_len = read_response(fd, &body, &body_len);
        if (header_len < 0) return 1;
        char id[128];
        header_value("Lambda-Runtime-Aws-Request-Id", id, sizeof id);
        consume((size_t)header_len + body_len);
        int n = snprintf(out, sizeof out, "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\n"
                         "Host: runtime\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                         id, sizeof result - 1, result);
        if (n <= 0 || (size_t)n >= sizeof out || send_all(fd, out, (size_t)n) != 0) return 1;
        char *ack; size_t ack_len;
        long ack_header = read_response(fd, &ack, &ack_len);
        if (ack_header < 0) return 1;
        consume((size_t)ack_header + ack_len);
    }
}
