// The My Number card, drawn: its face (IC chip, text lines, face photo) for the attract loop,
// and how to insert it (図3.3-4): face up, chip end first (as a contact reader takes it), sliding
// down into the reader's slot along two arrows. Decorative: the text beside each picture says
// the same, so they are hidden from assistive technology. The card glides into the slot over
// and over; with reduced motion it rests with its chip end in the slot.

/** The card face as printed, landscape, 0 0 222 140 (85.6 × 54 mm at 2.6 units a mm). */
export function CardFace() {
  return (
    <g>
      <rect x="2" y="2" width="218" height="136" rx="12" className="insert-card-face" />
      {/* The card's name along the top, then name and address lines. */}
      <rect x="14" y="13" width="76" height="11" rx="4" className="insert-card-heading" />
      <rect x="14" y="34" width="112" height="9" rx="4" className="insert-card-line" />
      <rect x="14" y="51" width="104" height="9" rx="4" className="insert-card-line" />
      {/* The IC chip, on the face's left, with its contact pads. */}
      <rect x="16" y="76" width="40" height="32" rx="6" className="insert-card-chip" />
      <path d="M16 87h14M16 97h14M42 87h14M42 97h14M30 76v32M42 76v32" className="insert-card-chip-lines" />
      <rect x="66" y="80" width="62" height="9" rx="4" className="insert-card-line" />
      <rect x="66" y="96" width="50" height="9" rx="4" className="insert-card-line" />
      <rect x="14" y="119" width="92" height="9" rx="4" className="insert-card-line" />
      {/* The face photo, on the right. */}
      <rect x="144" y="22" width="62" height="80" rx="4" className="insert-card-photo" />
      <circle cx="175" cy="50" r="15" className="insert-card-person" />
      <path d="M150 102c0-20 11-31 25-31s25 11 25 31z" className="insert-card-person" />
    </g>
  );
}

/** A thick arrow pointing down, its tip at (x, tipY). */
function DownArrow({ x, tipY }: { x: number; tipY: number }) {
  const top = tipY - 224;
  const neck = tipY - 46;
  return <path d={`M${x - 13} ${top}h26v${neck - top}h22l-35 46l-35-46h22z`} className="insert-card-arrow" />;
}

export function InsertCardPicture() {
  return (
    <svg className="insert-card-picture" viewBox="0 56 460 384" aria-hidden="true" focusable="false">
      <defs>
        {/* Everything of the card below the slot is inside the reader. */}
        <clipPath id="insert-card-above-slot">
          <rect x="0" y="0" width="460" height="330" />
        </clipPath>
      </defs>
      {/* The reader, with its slot across the top. */}
      <rect x="50" y="300" width="360" height="132" rx="22" className="insert-card-reader" />
      <path d="M84 312h292l-30 40h-232z" className="insert-card-bezel" />
      <rect x="140" y="320" width="180" height="22" rx="11" className="insert-card-slot" />
      <g clipPath="url(#insert-card-above-slot)">
        <g className="insert-card-motion">
          {/* Face up, turned so the chip end goes in first. */}
          <g transform="translate(160 300) rotate(-90)">
            <CardFace />
          </g>
        </g>
      </g>
      <DownArrow x={112} tipY={334} />
      <DownArrow x={348} tipY={334} />
    </svg>
  );
}
