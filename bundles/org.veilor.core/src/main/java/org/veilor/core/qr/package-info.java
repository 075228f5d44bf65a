/** QR codes: encode text to PNG, decode PNG/JPEG back to text (ZXing core and ImageIO). */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.core.qr;
