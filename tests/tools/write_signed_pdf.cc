// write_signed_pdf OUT.pdf: a one-page PDF signed with a fresh self-signed key, its stamp on the
// page (tests/pdf_fixtures.h), for the tests that drive the built program (the staff page's).
#include <cstdio>

#include "pdf_fixtures.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_signed_pdf OUT.pdf\n");
    return 1;
  }
  luutru::Status s =
      luutru::testing::WriteSignedPdf(argv[1],
                                      "A signed test document.\nIts digital signature is shown on "
                                      "the staff page\nwith its signer and whether it verifies.",
                                      "Signed by: Van phong Thu nghiem");
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
