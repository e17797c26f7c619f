"""`python -m server.guides`: check every guide file and say how many facts each carries."""

from server.guides import guides

for platform, guide in guides().items():
    stages = sum(len(s) for s in guide.routes.values())
    print(f"{platform}: {stages} steps, {len(guide.contacts)} contacts")
