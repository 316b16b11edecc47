import { addressLines } from "@/lib/cart/address-lines";

/** A shipping address as an <address> block, one line per part (see addressLines for what is printed). */
export function PostalAddress({ address, className = "" }: { address: unknown; className?: string }) {
  return (
    <address className={`not-italic ${className}`}>
      {addressLines(address).map((line, index) => (
        <span key={index} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}
