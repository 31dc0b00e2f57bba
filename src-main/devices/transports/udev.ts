// What to tell a person when Linux refuses access to a device that is plugged in.

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** The exact udev rule that gives the logged-in user access to one HID device through hidraw. */
export function hidUdevRule(vendorId: number, productId: number): string {
  return `SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${hex(vendorId)}", ATTRS{idProduct}=="${hex(productId)}", MODE="0660", TAG+="uaccess"`;
}

export function hidPermissionHelp(vendorId: number, productId: number, path?: string): string {
  return (
    `Linux does not let Packline open HID device ${hex(vendorId)}:${hex(productId)}${path ? ` (${path})` : ''}. ` +
    `Create /etc/udev/rules.d/70-packline-${hex(vendorId)}-${hex(productId)}.rules containing:\n` +
    `  ${hidUdevRule(vendorId, productId)}\n` +
    `then run: sudo udevadm control --reload-rules && sudo udevadm trigger, and unplug and replug the device.`
  );
}

export function serialPermissionHelp(path: string): string {
  return (
    `Linux does not let Packline open ${path}. Add the user to the dialout group: ` +
    `sudo usermod -aG dialout $USER, then log out and back in.`
  );
}
