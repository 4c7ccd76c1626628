// phi_j = phi_{k(j)}^{s_j T_j}: the edit of attribute j (DESIGN.md section 5),
// and its inverse phi_j^-1 = phi_{k(j)}^{-s_j T_j}.

public struct MatchedEdit: Equatable, Sendable {
    public var attribute: String
    public var direction: Int
    public var sign: Int
    /// T_j > 0.
    public var strength: Double

    public init(attribute: String, direction: Int, sign: Int, strength: Double) {
        self.attribute = attribute; self.direction = direction; self.sign = sign; self.strength = strength
    }

    public init(_ assignment: DirectionAssignment, strength: Double) {
        self.init(attribute: assignment.attribute, direction: assignment.direction, sign: assignment.sign,
                  strength: strength)
    }

    /// The signed amount s_j T_j.
    public var amount: Double { Double(sign) * strength }

    public func apply(_ z: LatentBatch, with editor: some EditFunction) -> LatentBatch {
        editor.edit(z, direction: direction, amount: amount)
    }

    public func invert(_ z: LatentBatch, with editor: some EditFunction) -> LatentBatch {
        editor.edit(z, direction: direction, amount: -amount)
    }
}
