// Clock moved to clouddesktop/clock.h (the call path shares it); this
// header stays for code that includes it from here.

#ifndef CLOUDDESKTOP_CREDENTIALS_CLOCK_H_
#define CLOUDDESKTOP_CREDENTIALS_CLOCK_H_

#include "clouddesktop/clock.h"

#endif  // CLOUDDESKTOP_CREDENTIALS_CLOCK_H_
