/* The floor of the invoke benchmark: the cheapest HTTP/1.1 keep-alive round trip on loopback. One
 * thread per connection, blocking I/O, no parser beyond finding the end of the head and Content-Length;
 * every request is answered 200 with the body "{}". Usage: floor_server PORT_FILE (writes its port). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static const char kReply[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

static void *serve(void *arg) {
    int fd = (int)(intptr_t)arg;
    char buffer[65536];
    size_t filled = 0;
    for (;;) {
        char *end = NULL;
        while ((end = memmem(buffer, filled, "\r\n\r\n", 4)) == NULL) {
            if (filled == sizeof buffer) goto done;
            ssize_t n = recv(fd, buffer + filled, sizeof buffer - filled, 0);
            if (n <= 0) goto done;
            filled += (size_t)n;
        }
        size_t head = (size_t)(end - buffer) + 4;
        size_t length = 0;
        for (char *line = buffer; line < end; line = memchr(line, '\n', (size_t)(end - line)) + 1) {
            if (strncasecmp(line, "Content-Length:", 15) == 0) length = strtoul(line + 15, NULL, 10);
            if (memchr(line, '\n', (size_t)(end - line)) == NULL) break;
        }
        size_t total = head + length;
        if (filled >= total) {
            memmove(buffer, buffer + total, filled - total);
            filled -= total;
        } else { /* the rest of the body: read and dropped */
            size_t remaining = total - filled;
            filled = 0;
            while (remaining > 0) {
                char sink[65536];
                ssize_t n = recv(fd, sink, remaining < sizeof sink ? remaining : sizeof sink, 0);
                if (n <= 0) goto done;
                remaining -= (size_t)n;
            }
        }
        if (send(fd, kReply, sizeof kReply - 1, MSG_NOSIGNAL) != (ssize_t)(sizeof kReply - 1)) goto done;
    }
done:
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT_FILE\n", argv[0]);
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, size) != 0 || listen(listener, 128) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &size) != 0) {
        perror("listen");
        return 1;
    }
    FILE *port_file = fopen(argv[1], "w");
    if (port_file == NULL) return 1;
    fprintf(port_file, "%d\n", ntohs(address.sin_port));
    fclose(port_file);
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) continue;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        pthread_t thread;
        if (pthread_create(&thread, NULL, serve, (void *)(intptr_t)fd) != 0) {
            close(fd);
            continue;
        }
        pthread_detach(thread);
    }
}
