/** Lab time in milliseconds since the epoch. */
export interface Clock {
  now(): number;
  /** Lab speed, for clocks that follow real time; a virtual clock moves only when told. */
  setSpeed?(speed: number): void;
  /** Another console instance's lab time and speed (lib/cluster), followed so every instance shows the same lab time. */
  follow?(labNow: number, speed: number): void;
}

/** Tests move time by hand, so a 30-minute rule runs in milliseconds. */
export class VirtualClock implements Clock {
  constructor(private t = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    if (t < this.t) throw new Error("a virtual clock never runs backwards");
    this.t = t;
  }
}

/**
 * The server's clock: real time times the lab speed factor (1 is faithful;
 * larger runs rehearsals faster). Changing the speed re-anchors, so lab time
 * never jumps.
 */
export class LabClock implements Clock {
  private anchorLab: number;
  private anchorWall: number;

  constructor(
    private speed = 1,
    start = Date.now(),
    private wall: () => number = Date.now,
  ) {
    this.anchorLab = start;
    this.anchorWall = wall();
  }

  now(): number {
    return Math.floor(this.anchorLab + (this.wall() - this.anchorWall) * this.speed);
  }

  get speedFactor(): number {
    return this.speed;
  }

  follow(labNow: number, speed: number): void {
    this.anchorLab = labNow;
    this.anchorWall = this.wall();
    this.speed = speed;
  }

  setSpeed(speed: number): void {
    this.anchorLab = this.now();
    this.anchorWall = this.wall();
    this.speed = speed;
  }
}
