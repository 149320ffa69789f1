// libqrencode (Debian: libqrencode-dev) draws the QR codes of TOTP enrolments.
#include <qrencode.h>
