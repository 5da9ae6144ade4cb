"""The staff's side: accounts and sign-in sessions, the tablet's shoppers, lists given to
shoppers by QR code, and the desk's hold on hand-offs. No web framework here: the pages
and their API are in edge/staff/."""
