// A C library's object owned as a std::unique_ptr that frees it with the library's own
// function: CHandle<X509, X509_free>, CHandle<hb_face_t, hb_face_destroy>.
#pragma once

#include <memory>

namespace luutru {

template <typename T, void (*Free)(T*)>
struct FreeWith {
  void operator()(T* p) const { Free(p); }
};

template <typename T, void (*Free)(T*)>
using CHandle = std::unique_ptr<T, FreeWith<T, Free>>;

}  // namespace luutru
