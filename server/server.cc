// The API (server/api.h) over HTTP, with libmicrohttpd: a thread per connection, so that a
// slow client or a slow request holds up no other; limits on connections (in all and per
// address), idle time and header bytes; uploads read as they arrive and refused before their
// body when the caller may not upload; downloads sent from disk, one byte range at most.
#include "server/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <optional>
#include <variant>

#include "server/api.h"

namespace luutru::server {
namespace {

// Where a request is between the calls libmicrohttpd makes for it.
struct RequestState {
  HttpRequest request;
  std::unique_ptr<UploadInProgress> upload;
  MHD_PostProcessor* post = nullptr;
  Status failure;                      // the first error feeding the upload
  unsigned long long received = 0;     // body bytes of the upload
  unsigned long long next_offset = 0;  // within the file being received
  bool in_file = false;
  bool answered = false;
  ~RequestState() {
    if (post) MHD_destroy_post_processor(post);
  }
};

MHD_Result CollectValue(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* values = static_cast<std::map<std::string, std::string>*>(cls);
  if (key) (*values)[key] = value ? value : "";
  return MHD_YES;
}

MHD_Result CollectHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(cls);
  if (!key) return MHD_YES;
  std::string name = key;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  (*headers)[name] = value ? value : "";
  return MHD_YES;
}

MHD_Result Send(MHD_Connection* connection, const HttpResponse& res, RequestState& state) {
  state.answered = true;
  int status = res.status;
  MHD_Response* response = nullptr;
  std::string content_range;
  if (!res.file.empty()) {
    const int fd = ::open(res.file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const std::string body =
          R"({"error":{"code":"not_found","message":"this record has no such file"}})";
      response = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()),
                                                 MHD_RESPMEM_MUST_COPY);
      MHD_add_response_header(response, "Content-Type", "application/json");
      const MHD_Result queued = MHD_queue_response(connection, 404, response);
      MHD_destroy_response(response);
      return queued;
    }
    bool unsatisfiable = false;
    const std::optional<ByteRange> range =
        OneByteRange(state.request.Header("range"), res.file_size, unsatisfiable);
    if (unsatisfiable) {
      ::close(fd);
      response = MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT);
      status = 416;
      content_range = "bytes */" + std::to_string(res.file_size);
    } else if (range) {
      response = MHD_create_response_from_fd_at_offset64(range->length, fd, range->first);
      status = 206;
      content_range = "bytes " + std::to_string(range->first) + "-" +
                      std::to_string(range->first + range->length - 1) + "/" +
                      std::to_string(res.file_size);
    } else {
      response = MHD_create_response_from_fd_at_offset64(res.file_size, fd, 0);
    }
    if (response) MHD_add_response_header(response, "Accept-Ranges", "bytes");
  } else {
    response = MHD_create_response_from_buffer(res.body.size(), const_cast<char*>(res.body.data()),
                                               MHD_RESPMEM_MUST_COPY);
  }
  if (!response) return MHD_NO;
  MHD_add_response_header(response, "Content-Type", res.content_type.c_str());
  if (!content_range.empty())
    MHD_add_response_header(response, "Content-Range", content_range.c_str());
  for (const auto& [name, value] : res.headers)
    MHD_add_response_header(response, name.c_str(), value.c_str());
  const MHD_Result queued =
      MHD_queue_response(connection, static_cast<unsigned int>(status), response);
  MHD_destroy_response(response);
  return queued;
}

// The parts of a multipart body: the bytes of each "file" part go to the upload as they come.
MHD_Result OnPart(void* cls, MHD_ValueKind, const char* key, const char* filename, const char*,
                  const char*, const char* data, uint64_t offset, size_t size) {
  auto& state = *static_cast<RequestState*>(cls);
  if (!state.failure.ok()) return MHD_NO;
  if (!key || std::strcmp(key, "file") != 0 || !filename) return MHD_YES;  // other fields: ignored
  // A part starts at offset 0 (once, or a first time empty then with its bytes).
  if (offset == 0 && (!state.in_file || state.next_offset > 0)) {
    state.failure = state.upload->BeginFile(filename);
    state.in_file = true;
    state.next_offset = 0;
  }
  if (state.failure.ok() && size > 0) state.failure = state.upload->Append(data, size);
  state.next_offset = offset + size;
  return state.failure.ok() ? MHD_YES : MHD_NO;
}

void OnLog(void*, const char* format, va_list args) {
  char message[512];
  std::vsnprintf(message, sizeof message, format, args);
  spdlog::debug("http: {}", message);
}

// A listening socket of our own, so that an address in use is told apart (and no SO_REUSEPORT
// lets a second server share the port), and port 0 gives the port chosen.
Result<int> Listen(const std::string& host, int port, int& bound_port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const std::string address = host + ":" + service;
  if (const int rc =
          getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found);
      rc != 0) {
    return InvalidArgument("cannot listen on " + address + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
  const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  if (fd < 0) return IoError("cannot listen on " + address + ": " + std::strerror(errno));
  // SO_REUSEADDR only: a restarted server gets its port back at once; a second server does not.
  const int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 512) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EADDRINUSE) {
      return AddressInUse(
          "another process already listens on " + address +
          " (another luutru serve?); stop it, or give another port with --listen HOST:PORT");
    }
    return IoError("cannot listen on " + address + ": " + std::strerror(err));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  bound_port =
      ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                        : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return fd;
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<Api> api;
  MHD_Daemon* daemon = nullptr;
  int port = 0;
  ~Impl() {
    if (daemon) MHD_stop_daemon(daemon);  // the connections' threads end before the API goes
  }

  static MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url,
                              const char* method, const char*, const char* data, size_t* size,
                              void** con_cls) {
    auto& impl = *static_cast<Impl*>(cls);
    auto* state = static_cast<RequestState*>(*con_cls);
    if (!state) {  // the headers are in; the body, if any, is not
      state = new RequestState;
      *con_cls = state;
      state->request.method = method;
      state->request.path = url;
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, CollectValue,
                                &state->request.params);
      MHD_get_connection_values(connection, MHD_HEADER_KIND, CollectHeader,
                                &state->request.headers);
      if (Api::IsUpload(state->request)) {
        auto begun = impl.api->BeginUpload(state->request);
        if (auto* refused = std::get_if<HttpResponse>(&begun))
          return Send(connection, *refused, *state);
        state->upload = std::move(std::get<std::unique_ptr<UploadInProgress>>(begun));
        state->post = MHD_create_post_processor(connection, 64 * 1024, OnPart, state);
        if (!state->post)
          state->failure = InvalidArgument("the upload is not multipart/form-data with a boundary");
      }
      return MHD_YES;
    }
    if (*size > 0) {
      const size_t chunk = *size;
      *size = 0;  // taken (or dropped, once refused)
      if (!state->answered && Api::TakesBody(state->request)) {
        // A small JSON body, kept whole; one past the limit is kept to past it (the API answers
        // 413), and one past twice the limit closes the connection.
        state->received += chunk;
        if (state->request.body.size() <= Api::kMaxJsonBody)
          state->request.body.append(data, chunk);
        return state->received > 2 * Api::kMaxJsonBody ? MHD_NO : MHD_YES;
      }
      if (state->answered || !state->upload) return MHD_YES;
      state->received += chunk;
      if (state->failure.ok() && state->received > impl.options.max_upload_bytes) {
        state->failure = TooLarge("the upload is larger than the server takes (--max-upload-mb)");
      }
      if (state->failure.ok() && MHD_post_process(state->post, data, chunk) != MHD_YES &&
          state->failure.ok()) {
        state->failure = InvalidArgument("the upload could not be read as multipart/form-data");
      }
      // Refused: the rest of the body is read and dropped (HTTP answers a request once it is
      // in), the answer given at its end. A body that goes on past twice the limit is cut: the
      // connection is closed without one.
      if (!state->failure.ok() && state->received > 2 * impl.options.max_upload_bytes)
        return MHD_NO;
      return MHD_YES;
    }
    if (state->answered) return MHD_YES;
    if (state->upload)
      return Send(connection, impl.api->FinishUpload(std::move(state->upload), state->failure),
                  *state);
    return Send(connection, impl.api->Handle(state->request), *state);
  }

  static void OnCompleted(void*, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    delete static_cast<RequestState*>(*con_cls);  // an upload not queued is removed with it
    *con_cls = nullptr;
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

int Server::port() const { return impl_->port; }

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  Result<std::unique_ptr<Api>> api = Api::Open(options);
  if (!api.ok()) return api.status();
  impl->api = std::move(api).value();
  // A thread and a socket per connection: the process may need more files than the default.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  Result<int> fd = Listen(options.host, options.port, impl->port);
  if (!fd.ok()) return fd.status();
  impl->daemon = MHD_start_daemon(
      MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
          MHD_USE_ERROR_LOG,
      0, nullptr, nullptr, &Impl::OnRequest, impl.get(), MHD_OPTION_LISTEN_SOCKET, *fd,
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned int>(options.max_connections),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      static_cast<unsigned int>(options.max_connections_per_address), MHD_OPTION_CONNECTION_TIMEOUT,
      static_cast<unsigned int>(options.idle_timeout_seconds), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      options.max_header_bytes, MHD_OPTION_NOTIFY_COMPLETED, &Impl::OnCompleted, nullptr,
      MHD_OPTION_EXTERNAL_LOGGER, &OnLog, nullptr, MHD_OPTION_END);
  if (!impl->daemon) {
    ::close(*fd);
    return IoError("the HTTP server could not start on " + options.host + ":" +
                   std::to_string(impl->port));
  }
  spdlog::info(
      "serving {} on http://{}:{}/ ({})", options.archive_dir.string(), options.host, impl->port,
      IsLoopback(options.host) ? "this machine only; no token = public" : "tokens required");
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace luutru::server
