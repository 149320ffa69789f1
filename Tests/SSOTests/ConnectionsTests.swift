import EmulatorCore
import EmulatorTesting
import Testing
